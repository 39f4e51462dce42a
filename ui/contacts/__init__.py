"""The contacts feature: the list, a contact's page and timeline, the contact and touch point dialogs, notes search."""
