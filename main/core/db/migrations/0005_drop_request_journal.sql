-- The journal is a file beside the database (store/journal-file.ts); no released version wrote this table.
DROP TABLE `request_journal`;