# rule: UNKNOWN_HELPER
# call by BTF id (src=2)
.raw 0x0000000500002085
exit
