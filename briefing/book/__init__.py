"""PDF briefing books with ReportLab; never imports Qt, so it runs headless anywhere."""
