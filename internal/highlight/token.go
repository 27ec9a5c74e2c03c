package highlight

// TokenType is the type of a token. The values are chroma's: categories are
// ranges of 1000 (Literal is 3000-3999) and sub-categories ranges of 100
// (LiteralString is 3100-3199).
type TokenType int

// Token is a piece of source text with its type.
type Token struct {
	Type  TokenType
	Value string
}

// Error is a character no rule of the language accepts.
const Error TokenType = -11

// Keywords.
const (
	Keyword TokenType = 1000 + iota
	KeywordConstant
	KeywordDeclaration
	KeywordNamespace
	KeywordPseudo
	KeywordReserved
	KeywordType
)

// Names.
const (
	Name TokenType = 2000 + iota
	NameAttribute
	NameClass
	NameConstant
	NameDecorator
	NameEntity
	NameException
	NameKeyword
	NameLabel
	NameNamespace
	NameOperator
	NameOther
	NamePseudo
	NameProperty
	NameTag
)

// Builtin, variable and function names.
const (
	NameBuiltin TokenType = 2100 + iota
	NameBuiltinPseudo
)

// NameVariable is a variable's name.
const NameVariable TokenType = 2200

// NameFunction is a function's name.
const NameFunction TokenType = 2300

// Literals.
const Literal TokenType = 3000

// Strings.
const (
	LiteralString TokenType = 3100 + iota
	LiteralStringAffix
	LiteralStringAtom
	LiteralStringBacktick
	LiteralStringBoolean
	LiteralStringChar
	LiteralStringDelimiter
	LiteralStringDoc
	LiteralStringDouble
	LiteralStringEscape
	LiteralStringHeredoc
	LiteralStringInterpol
	LiteralStringName
	LiteralStringOther
	LiteralStringRegex
	LiteralStringSingle
)

// Numbers.
const (
	LiteralNumber TokenType = 3200 + iota
	LiteralNumberBin
	LiteralNumberFloat
	LiteralNumberHex
	LiteralNumberInteger
	LiteralNumberIntegerLong
	LiteralNumberOct
)

// Operators and punctuation.
const (
	Operator TokenType = 4000 + iota
	OperatorWord
)

// Punctuation is brackets, commas and the like.
const Punctuation TokenType = 5000

// Comments.
const (
	Comment TokenType = 6000 + iota
	CommentHashbang
	CommentMultiline
	CommentSingle
)

// Text.
const (
	Text TokenType = 8000 + iota
	TextWhitespace
)

// Category is the type's category: KeywordType's is Keyword.
func (t TokenType) Category() TokenType { return t / 1000 * 1000 }

// SubCategory is the type's sub-category: LiteralStringEscape's is LiteralString.
func (t TokenType) SubCategory() TokenType { return t / 100 * 100 }
