# rule: INVALID_OPCODE
# atomic with operation 0x10 (sub does not exist)
mov %r0, 0
stdw [%r10-8], 0
.raw 0x00000010fff81adb
exit
