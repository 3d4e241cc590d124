"""Reports: terminal, JSON, SARIF, CSV, HTML, Excel and reviewed Word copies."""
