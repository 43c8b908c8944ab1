// GNU readline for `mscli shell` (libreadline-dev). readline.h needs FILE from stdio.h.
#include <stdio.h>
#include <stdlib.h>
#include <readline/readline.h>
#include <readline/history.h>
