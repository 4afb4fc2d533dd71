# The wanlab engine: one image for locators and members (the command names the entry point).
# `wanlab images` assembles the build context, so nothing is pulled:
#   runtime/       the host's node binary (/usr/local/bin/node), the shared libraries it and
#                  the native addons load (per ldd), /tmp, and a note (/etc/wanlab-runtime)
#   base-runtime/  only the note: for a base image that brings its own node
#   app/           dist/engine, the production node_modules the engine imports, package.json
# With a registry, a normal base works too: `WANLAB_BASE_IMAGE=node:20-slim npm run images`
# builds with --build-arg BASE_IMAGE=node:20-slim --build-arg RUNTIME_DIR=base-runtime.
ARG BASE_IMAGE=scratch
FROM ${BASE_IMAGE}
ARG RUNTIME_DIR=runtime
COPY ${RUNTIME_DIR}/ /
COPY app/ /opt/wanlab/
WORKDIR /opt/wanlab
ENV NODE_ENV=production
# Node is PID 1: the engine installs SIGTERM/SIGINT handlers (engine/process/run-process.ts),
# so a SIGTERM to the container is a graceful stop.
ENTRYPOINT ["/usr/local/bin/node", "--enable-source-maps"]
