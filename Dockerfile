# syntax=docker/dockerfile:1
# Multi-stage: the SPA with Node, the binary with Go, a small runtime image.

FROM node:20-bookworm-slim AS web
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY frontend/ ./
RUN npm run build

FROM golang:1.26-bookworm AS go
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /src/frontend/dist ./frontend/dist
ARG VERSION=docker
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/techmart ./cmd/techmart
# The data directory, owned by the user the server runs as (nonroot,
# 65532): a new named volume takes its owner from the image, so the server
# can write to it. The runtime image has no shell to do this in.
RUN mkdir -p /out/data && chown 65532:65532 /out/data && chmod 0700 /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=go /out/techmart /usr/local/bin/techmart
COPY --from=go --chown=65532:65532 /out/data /var/lib/techmart
ENV TECHMART_ADDR=0.0.0.0:8080 \
    TECHMART_DATA_DIR=/var/lib/techmart
VOLUME ["/var/lib/techmart"]
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/techmart"]
CMD ["serve"]
