# Multi-stage build: type-check and bundle with the dev dependencies, then ship only the bundled
# server, its data and the production dependencies, running as the unprivileged node user.
# test/dockerfile.test.ts runs these very steps (no Docker engine is needed for that).

FROM node:24-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/bundle.mjs ./scripts/
# The build checks the shipped lists against the curated data once, for a faster start.
COPY data ./data
RUN npm run build

FROM node:24-alpine AS runtime
# NODE_ENV=production: started without PARTNERS_FILE, the service warns loudly at start and in
# /readyz that the fictitious sample registry (kept for the API document's examples) is serving.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY data ./data
# The browser scripts the service serves (/widget/…), read as they are.
COPY web ./web
USER node
EXPOSE 3000
# Liveness for a plain `docker run`; Kubernetes uses its own probes on /healthz and /readyz.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# A larger young generation: requests' short-lived objects die there instead of being copied
# to the old one; 10-15 % more requests per second for ~15 MB (bench/HISTORY.md). No
# allocation-site pretenuring: V8 would otherwise decide, at the first collections after start
# (where everything start built survives), to allocate some object literals straight into the
# old generation, and keep doing so for every request's (~350 bytes a request, a page fault
# every ten; ~10 % of the CPU of a request, bench/HISTORY.md). Keep in step with `npm start`
# (test/dockerfile.test.ts checks).
CMD ["node", "--max-semi-space-size=32", "--no-allocation-site-pretenuring", "dist/server.js"]
