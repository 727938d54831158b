# rule: INVALID_OPCODE
# opcode 0xff does not exist
.raw 0x00000000000000ff
exit
