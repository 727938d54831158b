# rule: UNKNOWN_HELPER
mov %r1, 1
call 99
exit
