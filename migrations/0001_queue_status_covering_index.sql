-- Queue status reads counts, service times and running times of one batch in a single pass; with
-- the timestamps included the pass is an index-only scan (Drizzle's index builder has no INCLUDE).
CREATE INDEX IF NOT EXISTS "cvs_batch_status_times_idx" ON "cvs" USING btree ("batch_id", "status") INCLUDE ("started_at", "processed_at");
