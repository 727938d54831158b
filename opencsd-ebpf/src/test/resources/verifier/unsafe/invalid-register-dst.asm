# rule: INVALID_REGISTER
# mov r11, 1
.raw 0x0000000100000bb7
mov %r0, 0
exit
