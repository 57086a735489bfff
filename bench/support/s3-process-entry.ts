// Child side of s3-process.ts: runs the test S3 server until told to stop.
import { startS3 } from "../../test/support/s3-server.ts";

const s3 = await startS3();
process.send?.({ endpoint: s3.endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey });
process.on("message", (message) => {
  if (message === "stop") void s3.close().then(() => process.exit(0));
});
process.on("disconnect", () => void s3.close().then(() => process.exit(0)));
