/* libpq's client API (libpq-dev): mscli hands it a connection setting to resolve as psql would. pkg-config adds
   -I/usr/include/postgresql and -lpq. */
#include <libpq-fe.h>
