-- Format translation: the client formats a provider serves besides its own, and the client's format on a request
-- whose provider spoke another.
ALTER TABLE `providers` ADD `serves` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `requests` ADD `translated_from` text;
