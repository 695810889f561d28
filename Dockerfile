# Referat API image: slim, non-root, everything from PyPI at build time, nothing at run time.
# The code runs from /app (prompts/ and samples/ sit beside the packages, where it finds them).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    REFERAT_DATA_DIR=/data
WORKDIR /app
COPY pyproject.toml README.md constraints.txt ./
COPY index ./index
COPY service ./service
COPY evals ./evals
COPY prompts ./prompts
COPY samples ./samples
RUN pip install -c constraints.txt -e . \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin referat \
 && mkdir -p /data && chown referat /data
USER referat
VOLUME /data
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
# A non-loopback address needs REFERAT_API_KEYS (or --insecure): `referat serve` refuses otherwise.
CMD ["referat", "serve", "--host", "0.0.0.0", "--port", "8000"]
