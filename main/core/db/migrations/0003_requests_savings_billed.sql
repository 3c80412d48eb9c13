ALTER TABLE `requests` ADD `cache_savings_usd` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `requests` ADD `billed` integer DEFAULT false NOT NULL;