"""Import a mail archive (mbox): one message entry per contact and day, from headers only."""
