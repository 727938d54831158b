# rule: WRITE_TO_R10
mov %r10, 0
mov %r0, 0
exit
