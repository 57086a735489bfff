import { describe, expect, it } from "vitest";
import { findDateRanges, formatCvDate } from "../../src/parsing/dates.ts";

function first(text: string) {
  const r = findDateRanges(text)[0];
  return r ? { start: formatCvDate(r.start), end: formatCvDate(r.end), current: r.current } : null;
}

describe("date ranges in several languages and formats", () => {
  it.each([
    ["Juin 17 – Aujourd'hui", { start: "2017-06", end: null, current: true }],
    ["2019 – present", { start: "2019", end: null, current: true }],
    ["03/2020 - 11/2022", { start: "2020-03", end: "2022-11", current: false }],
    ["Sept. 2018 – May 2023", { start: "2018-09", end: "2023-05", current: false }],
    ["Sep. 2023 Mar. 2024", { start: "2023-09", end: "2024-03", current: false }],
    ["octubre de 2019 – actualidad", { start: "2019-10", end: null, current: true }],
    ["März 2020 – heute", { start: "2020-03", end: null, current: true }],
    ["janeiro 2015 - dezembro 2016", { start: "2015-01", end: "2016-12", current: false }],
    ["seit 2021", { start: "2021", end: null, current: true }],
    ["2015 / 07", { start: "2015-07", end: "2015-07", current: false }],
    ["Software Engineer May 2023 - Present", { start: "2023-05", end: null, current: true }],
  ])("%s", (text, want) => {
    expect(first(text)).toEqual(want);
  });

  it("reads Summer 2012 as a season of that year", () => {
    const r = findDateRanges("Research Assistant Summer 2012")[0];
    expect(r?.start).toEqual({ year: 2012, month: null, season: [6, 8] });
  });

  it("does not read a day of the month as a year outside a range", () => {
    expect(findDateRanges("June 17")).toEqual([]);
  });

  it("finds no date in text without one", () => {
    expect(findDateRanges("Led a team of 5 engineers")).toEqual([]);
  });
});
