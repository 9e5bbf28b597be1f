"""Files in and out: survey imports now; the JSON format, deck, PDF, images and spreadsheets as
they move here."""
