# rule: HELPER_ARGUMENTS
# helper calls clobber r1, so the second call of identity (1 argument) has none
mov %r1, 1
call 5
call 5
exit
