import os
print("BACKPROP-RESULT forged from usercustomize.py")
os._exit(3)
