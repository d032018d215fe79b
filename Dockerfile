FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /srv/newsquotes

COPY pyproject.toml README.md ./
COPY app ./app
COPY migrations ./migrations
COPY seeds ./seeds
RUN pip install -e . && useradd --create-home newsquotes && mkdir data && chown newsquotes data
USER newsquotes

# DATABASE_URL may point at PostgreSQL (postgresql+psycopg://...); the default is SQLite in data/.
EXPOSE 8000
CMD ["sh", "-c", "python -m app migrate && python -m app ingest seeds/ && exec python -m app serve --host 0.0.0.0 --port 8000"]
