"""What the calendar, contacts and mail imports share: who is who, the plan, the state, writes."""
