# toxiproxy-server, the binary scripts/setup-toxiproxy.sh built (static when built with CGO
# off; otherwise runtime/ carries the libraries ldd lists). Nothing is pulled.
#   runtime/  shared libraries (if any) and /tmp     app/  toxiproxy-server     empty/  nothing
ARG BASE_IMAGE=scratch
FROM ${BASE_IMAGE}
ARG RUNTIME_DIR=runtime
COPY ${RUNTIME_DIR}/ /
COPY app/ /usr/local/bin/
ENTRYPOINT ["/usr/local/bin/toxiproxy-server"]
