/* libpq's client API (libpq-dev): ServiceCore's pipelined point lookups, and mscli's resolution of a connection
   setting as psql would. pkg-config adds -I/usr/include/postgresql and -lpq. */
#include <libpq-fe.h>
