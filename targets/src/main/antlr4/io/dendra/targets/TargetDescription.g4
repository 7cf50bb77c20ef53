// The target description language: a chip's limits, number formats, timing and energy tables,
// every number with a unit and optionally its source. See docs/targets.md.
grammar TargetDescription;

file
    : 'target' name=ID '{' entry* close='}' EOF
    ;

entry
    : section
    | field
    ;

section
    : name=ID '{' entry* close='}'
    ;

field
    : name=ID '=' value (',' value)* ('source' source=STRING)? ';'
    ;

value
    : low=quantity '..' high=quantity   # rangeValue
    | key=quantity ':' item=quantity    # pairValue
    | quantity                          # quantityValue
    | 'none'                            # noneValue
    | STRING                            # stringValue
    ;

// A number with an optional unit, or a bare word (a program name, "shared").
quantity
    : sign='-'? NUMBER unit=ID?
    | word=ID
    ;

ID      : [a-zA-Z_] [a-zA-Z_0-9]* ;
NUMBER  : [0-9]+ ('.' [0-9]+)? ([eE] [+-]? [0-9]+)? ;
STRING  : '"' (~["\\\r\n] | '\\' .)* '"' ;

LINE_COMMENT  : ('//' | '#') ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS            : [ \t\r\n]+ -> skip ;
