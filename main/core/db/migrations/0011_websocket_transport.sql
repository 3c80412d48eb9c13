-- A provider may serve the Responses API over WebSocket; a request row says which transport its client used.
ALTER TABLE `providers` ADD `websocket` integer DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE `requests` ADD `transport` text DEFAULT 'http' NOT NULL;
