"""Import a calendar export (.ics): past meetings become entries, future ones coming up."""
