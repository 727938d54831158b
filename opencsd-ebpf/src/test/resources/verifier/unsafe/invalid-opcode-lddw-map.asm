# rule: INVALID_OPCODE
# lddw with src=1 (map by fd): maps are not supported
.raw 0x0000000100001018
.raw 0x0000000000000000
mov %r0, 0
exit
