import { describe, expect, it } from "vitest";
import { findGithubUsername, isValidGithubUsername, usernameFromUrl } from "../../src/github/username.ts";

const find = (input: Partial<{ links: string[]; text: string; parsedGithub: string | null }>) =>
  findGithubUsername({ links: [], text: "", parsedGithub: null, ...input });

describe("GitHub username rules", () => {
  it.each([
    ["a", true],
    ["octo-dev", true],
    ["A1b2", true],
    ["x".repeat(39), true],
    ["x".repeat(40), false],
    ["-lead", false],
    ["trail-", false],
    ["dou--ble", false],
    ["under_score", false],
    ["dot.name", false],
    ["", false],
    ["features", false],
    ["Orgs", false],
    ["sponsors", false],
    ["topics", false],
    ["about", false],
  ])("%s → %s", (name, valid) => {
    expect(isValidGithubUsername(name)).toBe(valid);
  });
});

describe("usernameFromUrl", () => {
  it.each([
    ["https://github.com/octo-dev", { user: "octo-dev", kind: "profile" }],
    ["http://www.github.com/Octo-Dev/", { user: "Octo-Dev", kind: "profile" }],
    ["github.com/octo-dev?tab=repositories", { user: "octo-dev", kind: "profile" }],
    ["https://github.com/octo-dev/ts-service", { user: "octo-dev", kind: "repo" }],
    ["https://github.com/octo-dev/ts-service.git", { user: "octo-dev", kind: "repo" }],
    ["https://gist.github.com/octo-dev/abc123", { user: "octo-dev", kind: "gist" }],
    ["https://octo-dev.github.io/blog", { user: "octo-dev", kind: "pages" }],
    ["https://github.com/features/actions", null],
    ["https://github.com/orgs/acme/people", null],
    ["https://github.com/sponsors/octo-dev", null],
    ["https://github.com/alice_smith", null],
    ["https://gitlab.com/octo-dev", null],
    ["https://notgithub.com/octo-dev", null],
  ])("%s", (url, expected) => {
    expect(usernameFromUrl(url)).toEqual(expected);
  });
});

describe("findGithubUsername", () => {
  it("prefers a profile hyperlink over everything else", () => {
    expect(
      find({
        links: ["https://github.com/facebook/react", "https://github.com/real-me"],
        text: "GitHub: someone-else github.com/text-user",
        parsedGithub: "parsed-user",
      }),
    ).toBe("real-me");
  });

  it("reads a profile URL written in the text", () => {
    expect(find({ text: "Jane Doe · jane@example.com · github.com/jane-doe · +44 20 7946 0000" })).toBe(
      "jane-doe",
    );
    expect(find({ text: "Portfolio: https://www.github.com/JaneDoe/." })).toBe("JaneDoe");
  });

  it("ignores github.com inside an e-mail address or another host", () => {
    expect(find({ text: "mail me at jane@github.com/x or see notgithub.com/jane" })).toBeNull();
  });

  it("uses the parser's username only when the CV shows it", () => {
    expect(find({ text: "GitHub handle on request", parsedGithub: "made-up" })).toBeNull();
    expect(find({ text: "Find me as jdoe-codes on most sites", parsedGithub: "@jdoe-codes" })).toBe(
      "jdoe-codes",
    );
    expect(find({ links: ["https://github.com/jdoe/x"], parsedGithub: "https://github.com/jdoe" })).toBe(
      "jdoe",
    );
  });

  it("reads labels like 'GitHub: user' and 'GitHub @user'", () => {
    expect(find({ text: "LinkedIn: jane\nGitHub: jane-codes\nPhone: 123" })).toBe("jane-codes");
    expect(find({ text: "Github username: @jane42" })).toBe("jane42");
    expect(find({ text: "Find me on GitHub @jane42." })).toBe("jane42");
    expect(find({ text: "GITHUB：jane42" })).toBe("jane42");
  });

  it("does not take ordinary words after 'GitHub' for a username", () => {
    expect(find({ text: "CI/CD (GitHub Actions, Jenkins)" })).toBeNull();
    expect(find({ text: "GitHub: available on request" })).toBeNull();
    expect(find({ text: "GitHub: https://gitlab.com/jane" })).toBeNull();
    expect(find({ text: "Built pipelines with GitHub - Actions and more" })).toBeNull();
  });

  it("falls back to a gist or GitHub Pages site", () => {
    expect(find({ text: "Blog: https://jane-doe.github.io" })).toBe("jane-doe");
    expect(find({ links: ["https://gist.github.com/jane-doe/1234"] })).toBe("jane-doe");
  });

  it("uses a repository owner only when the CV ties it to the candidate", () => {
    // A project under an employer's or an open-source organisation's account is not the candidate's.
    expect(
      find({ links: ["https://github.com/containous/flaeg", "https://github.com/containous/staert"] }),
    ).toBeNull();
    expect(find({ text: "Contributed to github.com/facebook/react" })).toBeNull();
    // Labelled as their GitHub.
    expect(find({ text: "GitHub: github.com/jane/app" })).toBe("jane");
    expect(find({ text: "GitHub - https://github.com/jane/app" })).toBe("jane");
    // Owner matches an e-mail address; the most frequent such owner wins.
    expect(
      find({
        text: "j.doe@example.com · github.com/facebook/react · github.com/jdoe/a · github.com/jdoe/b",
      }),
    ).toBe("jdoe");
    expect(find({ links: ["mailto:jdoe@example.com", "https://github.com/JDoe/tool"] })).toBe("JDoe");
  });

  it("returns null when the CV has no GitHub account", () => {
    expect(find({ text: "Skills: Git, GitHub, GitLab. linkedin.com/in/jane" })).toBeNull();
  });
});
