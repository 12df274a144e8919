import os
import sys

from .supervisor import main

code = main()
sys.stderr.flush()
os._exit(code)  # the result is out (os.write): the interpreter's teardown would only delay the exit
