"""Real-browser tests: Debian's Chromium, driven by Playwright, against real servers."""
