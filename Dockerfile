# Referat API image. Everything it needs comes from PyPI; nothing downloads at run time.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY index ./index
COPY service ./service
COPY evals ./evals
COPY prompts ./prompts
COPY samples ./samples
RUN pip install --no-cache-dir .
ENV REFERAT_DATA_DIR=/data
VOLUME /data
EXPOSE 8000
CMD ["referat", "serve", "--demo", "--host", "0.0.0.0", "--port", "8000"]
