// The Dendra model language (.dnd): a network as named layers and connections, with parameters
// bound to tensors by name. See docs/model-language.md.
grammar Dnd;

file
    : 'model' name=ID '{' statement* close='}' EOF
    ;

// Statements without a model around them: the expansion of a shortcut such as spikingssm(...).
statements
    : statement* EOF
    ;

statement
    : 'tensors' path=STRING ('prefix' prefix=STRING)? ';'                      # tensorsStatement
    | 'let' name=ID '=' expr ';'                                                # letStatement
    | 'input' name=ID ':' kind=('real' | 'tokens') '[' size=expr ']' ';'        # inputStatement
    | name=ID '=' expr ';'                                                      # assignStatement
    | 'repeat' var=ID 'in' from=expr '..' to=expr '{' statement* '}'            # repeatStatement
    | 'output' expr ';'                                                         # outputStatement
    ;

expr
    : '-' expr                                          # negate
    | left=expr op=('*' | '/') right=expr               # multiply
    | left=expr op=('+' | '-') right=expr               # add
    | callee=ID '(' (argument (',' argument)*)? ')'     # call
    | '@' STRING                                        # tensorRef
    | '[' (expr (',' expr)*)? ']'                       # list
    | value=('true' | 'false')                          # bool
    | NUMBER                                            # number
    | STRING                                            # string
    | ID                                                # name
    | '(' expr ')'                                      # parens
    ;

argument
    : (name=ID '=')? expr
    ;

ID      : [a-zA-Z_] [a-zA-Z_0-9]* ;
NUMBER  : [0-9]+ ('.' [0-9]+)? ([eE] [+-]? [0-9]+)? ;
STRING  : '"' (~["\\\r\n] | '\\' .)* '"' ;

LINE_COMMENT  : ('//' | '#') ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS            : [ \t\r\n]+ -> skip ;
