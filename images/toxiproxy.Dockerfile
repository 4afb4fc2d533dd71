# toxiproxy-server, the binary scripts/setup-toxiproxy.sh built (static, CGO off; a dynamic one
# gets the libraries ldd lists in runtime/). Nothing is pulled.
#   runtime/  libraries (if any), /tmp and a note    base-runtime/  the note    app/  the binary
ARG BASE_IMAGE=scratch
FROM ${BASE_IMAGE}
ARG RUNTIME_DIR=runtime
COPY ${RUNTIME_DIR}/ /
COPY app/ /usr/local/bin/
ENTRYPOINT ["/usr/local/bin/toxiproxy-server"]
