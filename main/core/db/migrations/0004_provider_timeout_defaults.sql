-- Providers that still carry the old default timeouts (no first-byte timeout, 300 s idle, 600 s total per attempt,
-- 30 s connect) never failed over a provider that accepts and never answers; they move to the new defaults. A
-- provider with any timeout set to another value keeps what its admin chose.
UPDATE `providers`
SET `timeouts` = '{"connectMs":10000,"firstByteMs":30000,"idleMs":300000,"totalMs":300000}'
WHERE json_extract(`timeouts`, '$.connectMs') = 30000
  AND json_extract(`timeouts`, '$.firstByteMs') = 0
  AND json_extract(`timeouts`, '$.idleMs') = 300000
  AND json_extract(`timeouts`, '$.totalMs') = 600000;
