/* libpq's client API (libpq-dev): PostgresPipeline's pipelined point lookups, and mscli's resolution of a connection
   setting as psql would. pkg-config adds -I/usr/include/postgresql and -lpq. */
#include <libpq-fe.h>
