# The wanlab engine: one image for locators and members (the command names the entry point).
# `wanlab images` assembles the build context, so nothing is pulled:
#   runtime/  the host's node binary (/usr/local/bin/node), the shared libraries it and the
#             native addons load (per ldd), and /tmp
#   app/      dist/engine, the production node_modules the engine imports, package.json
#   empty/    nothing: for a base image that brings its own node
# With a registry, a normal base works too (WANLAB_BASE_IMAGE=node:20-slim wanlab images), which
# builds with --build-arg BASE_IMAGE=node:20-slim --build-arg RUNTIME_DIR=empty.
ARG BASE_IMAGE=scratch
FROM ${BASE_IMAGE}
ARG RUNTIME_DIR=runtime
COPY ${RUNTIME_DIR}/ /
COPY app/ /opt/wanlab/
WORKDIR /opt/wanlab
ENV NODE_ENV=production
# Node is PID 1: the engine installs SIGTERM/SIGINT handlers (engine/process/run-process.ts),
# so `docker stop` is a graceful stop.
ENTRYPOINT ["/usr/local/bin/node", "--enable-source-maps"]
