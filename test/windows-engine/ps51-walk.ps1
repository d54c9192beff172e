# Reads scripts (a JSON file of [{ name, text }]) and prints, for each, what Windows PowerShell 5.1
# compatibility depends on, from PowerShell's own parser: the commands called with the parameters
# named, the .NET types named and the static members called on them, the syntax PowerShell 7
# added, and any parse error. The test compares this with ps51-reference.json.
param([Parameter(Mandatory = $true)][string]$Path)
$ErrorActionPreference = 'Stop'
$scripts = [IO.File]::ReadAllText($Path) | ConvertFrom-Json
$report = foreach ($script in $scripts) {
  $tokens = $null; $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseInput([string]$script.text, [ref]$tokens, [ref]$errors)
  $defined = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true) | ForEach-Object { $_.Name })
  $commands = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object {
    $name = $_.GetCommandName()
    # `& $program @args` names no command: a native program found at run time.
    if ($name -and $_.InvocationOperator -ne 'Ampersand' -and $defined -notcontains $name) {
      [pscustomobject]@{ name = $name; parameters = @($_.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] } | ForEach-Object { $_.ParameterName }) }
    }
  })
  $types = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.TypeExpressionAst] -or $n -is [System.Management.Automation.Language.TypeConstraintAst] }, $true) |
    ForEach-Object { $_.TypeName.FullName })
  # New-Object <type>: a type named as a string.
  $newObjects = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq 'New-Object' }, $true) |
    ForEach-Object { $_.CommandElements | Select-Object -Skip 1 | Where-Object { $_ -is [System.Management.Automation.Language.StringConstantExpressionAst] } | Select-Object -First 1 | ForEach-Object { $_.Value } })
  $members = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.InvokeMemberExpressionAst] -and $n.Static -and $n.Expression -is [System.Management.Automation.Language.TypeExpressionAst] }, $true) |
    ForEach-Object { "$($_.Expression.TypeName.FullName)::$($_.Member.Value)" })
  $members += @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.MemberExpressionAst] -and $n -isnot [System.Management.Automation.Language.InvokeMemberExpressionAst] -and $n.Static -and $n.Expression -is [System.Management.Automation.Language.TypeExpressionAst] }, $true) |
    ForEach-Object { "$($_.Expression.TypeName.FullName)::$($_.Member.Value)" })
  $syntax = @()
  $syntax += @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.PipelineChainAst] }, $true) | ForEach-Object { "pipeline chain $($_.Operator) (&& / ||)" })
  $syntax += @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.TernaryExpressionAst] }, $true) | ForEach-Object { 'ternary ?:' })
  $syntax += @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.BinaryExpressionAst] -and [string]$n.Operator -eq 'QuestionQuestion' }, $true) | ForEach-Object { 'null-coalescing ??' })
  $syntax += @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.AssignmentStatementAst] -and [string]$n.Operator -eq 'QuestionQuestionEquals' }, $true) | ForEach-Object { 'null-coalescing assignment ??=' })
  $syntax += @($ast.FindAll({ param($n) ($n -is [System.Management.Automation.Language.MemberExpressionAst] -or $n -is [System.Management.Automation.Language.IndexExpressionAst]) -and $n.NullConditional }, $true) | ForEach-Object { 'null-conditional ?. / ?[]' })
  $syntax += @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.ScriptBlockAst] -and $null -ne $n.CleanBlock }, $true) | ForEach-Object { 'clean {} block' })
  [pscustomobject]@{
    name = [string]$script.name
    errors = @($errors | ForEach-Object { "line $($_.Extent.StartLineNumber): $($_.Message)" })
    commands = $commands
    types = @($types + $newObjects | Where-Object { $_ } | Sort-Object -Unique)
    members = @($members | Sort-Object -Unique)
    syntax = $syntax
  }
}
ConvertTo-Json -InputObject @($report) -Depth 6 -Compress
