/* Placeholder until the samples generator lands. */
int main(void)
{
  return 1;
}
