# rule: INVALID_OPCODE
# division with offset 2 (only 0 and 1 exist)
mov %r0, 1
.raw 0x0000000100020037
exit
