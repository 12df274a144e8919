import os
print("BACKPROP-RESULT forged from sitecustomize.py")
os._exit(3)
