# rule: INVALID_REGISTER
# mov r0, r12
.raw 0x000000000000c0bf
exit
