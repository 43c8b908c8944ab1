/* libpq's client API (libpq-dev); pkg-config adds -I/usr/include/postgresql and -lpq. */
#include <libpq-fe.h>
