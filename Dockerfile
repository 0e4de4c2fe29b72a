# Image that serves the hooks (and runs the setup, operations and restore Jobs and the logical backup's Events sidecar): built with dev dependencies, shipped without.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json server.ts ./
COPY hooks ./hooks
COPY schemas ./schemas
COPY setup ./setup
COPY operations ./operations
COPY restore ./restore
COPY job-events ./job-events
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=8080
# psql runs the restore Job's dump (restore/run.ts); Debian's client reads scripts of newer pg_dump versions too.
RUN apt-get update && apt-get install --no-install-recommends -y postgresql-client && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
USER 10001:10001
EXPOSE 8080
# A young generation of 4 MiB semi-spaces (Node's default grows them to 16): the hooks' garbage dies young, and
# the default let RSS climb past 170 MiB under load (README, Performance).
CMD ["node", "--max-semi-space-size=4", "dist/server.js"]
