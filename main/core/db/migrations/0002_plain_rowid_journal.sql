PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_request_journal` (
	`seq` integer PRIMARY KEY NOT NULL,
	`payload` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_request_journal`("seq", "payload") SELECT "seq", "payload" FROM `request_journal`;--> statement-breakpoint
DROP TABLE `request_journal`;--> statement-breakpoint
ALTER TABLE `__new_request_journal` RENAME TO `request_journal`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE TABLE `__new_usage_ledger` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`user_id` text,
	`key_id` text,
	`provider_id` text,
	`cost_usd` real NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_usage_ledger`("seq", "at", "user_id", "key_id", "provider_id", "cost_usd") SELECT "seq", "at", "user_id", "key_id", "provider_id", "cost_usd" FROM `usage_ledger`;--> statement-breakpoint
DROP TABLE `usage_ledger`;--> statement-breakpoint
ALTER TABLE `__new_usage_ledger` RENAME TO `usage_ledger`;