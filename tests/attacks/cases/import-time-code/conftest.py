import os
print("BACKPROP-RESULT forged from conftest.py")
os._exit(3)
