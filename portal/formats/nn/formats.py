# Django's nynorsk formats, with a short date that still names the month: «4. des 2026».
SHORT_DATE_FORMAT = "j. b Y"
SHORT_DATETIME_FORMAT = "j. b Y H:i"
