"""Steps for the pipelines scraping and corpus projects already run: a Scrapy item pipeline
(`cleaner.integrations.scrapy`) and a datatrove extractor (`cleaner.integrations.datatrove`).
Each needs its extra (`[scrapy]`, `[datatrove]`) and is a thin adapter over `cleaner.clean`."""
