# syntax=docker/dockerfile:1
# cchub headless image: the hub alone (`node out/main/server.js`), SQLite in the /data volume, as a non-root user.
# Build: docker build -t cchub .   Run: docker compose up -d (docker-compose.yaml)
# test/packaging/docker-steps.test.ts replays these steps without Docker: keep the forms it reads (see that file).

# better-sqlite3 13 ships prebuilt N-API binaries (linux x64/arm64, glibc and musl) inside its npm package, but
# `npm ci` still runs its implicit `node-gyp rebuild`, which needs Python and make even when it compiles nothing (a
# prebuild matches); g++ compiles SQLite on a platform without one.
FROM node:24-bookworm-slim AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Every dependency, then the build: out/main (hub), out/preload, out/renderer (console).
FROM toolchain AS build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY electron.vite.config.ts tsconfig.json tsconfig.base.json tsconfig.node.json tsconfig.web.json ./
COPY main ./main
COPY preload ./preload
COPY renderer ./renderer
COPY shared ./shared
COPY resources ./resources
RUN npx electron-vite build

# Production dependencies only.
FROM toolchain AS deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production CCHUB_HOST=0.0.0.0 CCHUB_PORT=23000 CCHUB_DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/out ./out
COPY package.json ./
COPY bin ./bin
COPY main/core/db/migrations ./main/core/db/migrations
COPY resources/prices.json ./resources/
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 23000
# The slim image has no curl: Node's own fetch asks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.CCHUB_PORT || 23000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# V8 flags: scripts/node-flags.mjs (what they save: README, Performance).
CMD ["node", "--max-semi-space-size=2", "--heap-growing-percent=30", "out/main/server.js"]
